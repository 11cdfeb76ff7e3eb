/**
 * The examples are part of the documentation: they run here, on both engines, so they stay true.
 */
import { expressionsExample } from '../../examples/expressions';
import { walkthrough } from '../../examples/movies/walkthrough';
import { bankExample } from '../../examples/bank';
import { singleTableExample } from '../../examples/single-table';
import { catalogExample } from '../../examples/catalog';
import { lostAnswersExample } from '../../examples/lost-answers';
import { engineEndpoint, engineName, itOnDynamoDBLocal, testClient, uniquePrefix } from '../support/engine';

describe('examples', () => {
  it('examples/lost-answers.ts: a lost answer makes the raw SDK apply an increment twice; dynamap applies it once and says so', async () => {
    const lines: string[] = [];
    await lostAnswersExample(engineEndpoint(), (line) => lines.push(line), `${uniquePrefix()}lost-`);
    expect(lines).toEqual([
      `sync: created ${uniquePrefix()}lost-Pages; note: CreateTable got no answer from DynamoDB; described again, the table shows it applied, so it was not sent again.`,
      'raw SDK, one increment whose answer was lost: resolved, views 2',
      'dynamap, the same increment: DynamoError operation.outcomeUnknown; read back: views 1 (applied once, not sent again)',
    ]);
  });

  it('examples/expressions.ts runs and shows what it claims', async () => {
    const lines: string[] = [];
    await expressionsExample(testClient(), (line) => lines.push(line));
    expect(lines[0]).toBe('condition: #n0 = :v0 AND #n1 > :v1 AND begins_with(#n2, :v2)  names {"#n0":"status","#n1":"seat-count","#n2":"geo.zone"}');
    expect(lines[1]).toBe('updated: city Amsterdam-Centrum, road Weteringschans 6, acts Opening act + Headliner, tags church, late-night, music, version 2');
    expect(lines[2]).toBe('again: views 5, tags late-night, music, zone (removed)');
    expect(lines[4]).toBe('query november: 3 days; scan filter: 2026-11-25 open, 2026-12-01 sold-out');
    expect(lines[5]).toBe('venues under 100 seats: 0');
    expect(lines[6]).toBe('filter on two attributes: #n0 >= #n1  names {"#n0":"views","#n1":"seat-count"}; ' +
      'days with at least as many views as seats: 2026-12-01');
    expect(lines[7]).toBe('views between the seat count and 5000: #n0 >= #n1 AND #n0 <= :v0; 2026-12-01');
    expect(lines[8]).toBe('after a full house: views 2400');
    expect(lines[9]).toBe('acts naming the venue: contains(#n0, #n1) AND begins_with(#n2, #n3)  names {"#n0":"acts","#n1":"name","#n2":"geo.zone","#n3":"status"}');
    expect(lines[10]).toBe('update of a missing venue with { name: exists() }: ConditionError; stored: nothing');
  });

  it('examples/single-table.ts: two entity types in one table, each model reading its own', async () => {
    const lines: string[] = [];
    await singleTableExample(testClient(), (line) => lines.push(line));
    expect(lines).toEqual([
      'stored: {"S":"Customer"}',
      'Ann: 2026-11-01 30 (shipped), 2026-11-20 55 (open)',
      'shipped order expires (TTL, epoch seconds): number 1893456000',
      'customers: Ann, Bob; orders: 3',
      'one query: Order 12, Customer Bob',
      'one scan of both types: 2 customers, 3 orders',
      'open orders of 20 or more: ann 55',
      "get(Order, Ann's profile key): undefined",
      "update(Order, Ann's profile key): ConditionError",
    ]);
  });

  it('examples/catalog.ts: attribute kinds, what is refused before sending, the error classes, cursors', async () => {
    const lines: string[] = [];
    await catalogExample(testClient(), (line) => lines.push(line));
    expect(lines).toEqual([
      'dry run: would create example-Products, example-Reviews; local index byStock',
      'put: status draft (the default), price stored as {"S":"1999 EUR"}, draftNotes stored: no',
      'get: Claw hammer, 19.99 EUR (a Money), supplier Forge & Co (a Supplier), draftNotes undefined',
      "fromItem(toItem(x)): a Product true, same price true; schema: 9 attributes, Supplier's: name, country",
      'no name: ValidationError value.required at name',
      'status "sold": ValidationError value.enum at status',
      'stock -1: ValidationError validate.failed at stock',
      "a 500 KB history: ItemTooLargeError: 500067 bytes, over DynamoDB's 400 KB",
      'put of a Supplier (a nested class, no @Table): ModelError: model.noTable',
      'sync of Shelf: SyncError sync.incompatible on example-Shelves',
      'get from a missing table: DynamoError (ResourceNotFoundException); batchPut: BatchError: 1 unprocessed (ResourceNotFoundException)',
      'update: stock 9, history restocked < listed, status live',
      'stock <= 5 (byStock): Spirit level 2, Hand saw 4; #n0 = :v0 AND #n1 <= :v1',
      'pages of 2: first HAM-1, LEV-1, then SAW-1, TAP-1 (2 pages); first(): HAM-1; a changed cursor: ValidationError cursor.tampered',
      'projection: #n0, #n1.#n2',
      'review: 5 stars',
      `delete unless retired: ConditionError (operation.conditionFailed); the stored item: ${engineName() === 'dynalite'
        ? 'not returned (dynalite ignores returnOldOnFailure; DynamoDB and DynamoDB Local return it)' : 'status draft'}`,
      'deleted: undefined',
    ]);
  });

  it('the Movies walkthrough runs end to end', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await walkthrough(testClient());
      const text = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(text).toMatch(/batchPut: load moviedata.json\s+4609 movies written/);
      expect(text).toMatch(/scan count: movies before 2000\s+1468 movies/);
      expect(text).toMatch(/scan count: movies left\s+3141 movies/);
      expect(text).toMatch(/save: a stale copy is refused\s+ConditionError/);
    } finally {
      log.mockRestore();
    }
  }, 120_000);

  // Transactions need DynamoDB Local (dynalite has none).
  itOnDynamoDBLocal('examples/bank.ts: transfers, a refused transfer with its reasons, batches', async () => {
    const lines: string[] = [];
    await bankExample(testClient(), (line) => lines.push(line));
    expect(lines).toEqual([
      'after transfer: alice 70 (version 2), bob 50 (version 2)',
      'refused: update Account {"id":"carol"}: ConditionalCheckFailed; update Account {"id":"alice"}: None; ' +
        'put Entry {"account":"carol","at":"2026-11-25T11:00:00Z"}: None; put Entry {"account":"alice","at":"2026-11-25T11:00:00Z"}: None',
      'balances: carol 0, alice 70, bob 50',
      "alice's ledger: 100 (opening), -30 (to bob)",
      "bob's account: owner Robert, balance 50 (version 3)",
      'carol: closed, ledger closed',
    ]);
  });
});
