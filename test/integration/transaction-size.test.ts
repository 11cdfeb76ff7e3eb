/**
 * DynamoDB's 4 MB limit on a transaction: refused before sending when the items and values alone
 * are over it; a transaction under it goes through (DynamoDB Local: transactions).
 */
import 'reflect-metadata';
import { Attribute, Mapper, PartitionKey, Table, ValidationError } from 'dynamap';
import { itOnDynamoDBLocal, testClient, uniquePrefix } from '../support/engine';

@Table({ name: 'TxBlobs' })
class Blob {
  @PartitionKey() id!: string;
  @Attribute() data?: string;
}

const client = testClient();
const mapper = new Mapper({ client, tablePrefix: uniquePrefix() });
const blob = (id: string) => Object.assign(new Blob(), { id, data: 'x'.repeat(390_000) });

beforeAll(async () => {
  await mapper.sync([Blob]);
}, 60_000);

it('a transaction over 4 MB is refused before sending, and nothing is written', async () => {
  const send = jest.spyOn(client, 'send');
  try {
    // 11 items of 390 KB: 4.29 MB (DynamoDB Local: "Transaction payload size cannot exceed 4MB. Payload Size: 4290870").
    const error = await mapper.transaction((tx) => {
      for (let i = 0; i < 11; i++) tx.put(blob(`big${i}`));
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'transaction.tooLarge', message: expect.stringMatching(/carries 4290\d{3} bytes .* allows 4 MB/) });
    expect(send).not.toHaveBeenCalled();
  } finally {
    send.mockRestore();
  }
});

itOnDynamoDBLocal('a transaction under 4 MB goes through', async () => {
  await mapper.transaction((tx) => {
    for (let i = 0; i < 10; i++) tx.put(blob(`ok${i}`));
  });
  expect((await mapper.get(Blob, { id: 'ok9' }))!.data).toHaveLength(390_000);
});
