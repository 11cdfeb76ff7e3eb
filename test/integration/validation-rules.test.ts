/**
 * class-validator on writes, against what is stored: regressions found by a validation probe.
 * Each test names what broke; "nothing sent" is checked by reading the table afterwards.
 */
import 'reflect-metadata';
import { Exclude, Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, Length, Max, MinLength, ValidateNested } from 'class-validator';
import { Attribute, Mapper, PartitionKey, Table, ValidationError, remove } from 'dynamap';
import { describeOnDynamoDBLocal, testClient, uniquePrefix } from '../support/engine';

class Info {
  @IsOptional() @Max(10) @Attribute({ type: 'number' }) rating?: number;
  @IsDefined() @IsIn(['en', 'fr']) @Attribute({ type: 'string', default: 'en' }) lang?: string;
}

class Actor {
  @IsString() @MinLength(2) @Attribute({ type: 'string' }) name?: string;
}

@Table({ name: 'ValidatedFilms' })
class Film {
  @Length(3, 10) @PartitionKey({ type: 'string' }) id!: string;
  @IsDefined() @IsString() @Attribute({ type: 'string' }) title!: string;
  @IsOptional() @Max(10) @Attribute({ type: 'number' }) rating?: number;
  @IsOptional() @ValidateNested() @Type(() => Info) @Attribute({ type: () => Info }) info?: Info;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Actor) @Attribute({ type: () => [Actor] }) cast?: Actor[];
}

const mapper = new Mapper({ client: testClient(), tablePrefix: uniquePrefix() });

beforeAll(async () => {
  await mapper.sync([Film]);
});

async function refusal(call: () => Promise<unknown>): Promise<ValidationError> {
  const error = await call().then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

const film = (id: string, extra: Partial<Film> = {}) => Object.assign(new Film(), { id, title: 'T', ...extra });

describe('class-validator on what is stored', () => {
  it('a plain object given for a nested class is held to that class\'s rules (regression: it was written unchecked)', async () => {
    const bad = film('plain1', { info: { rating: 99, lang: 'xx' } as Info });
    const error = await refusal(() => mapper.put(bad));
    expect(error.message).toMatch(/Film\.info\.rating.*\(max\)/s);
    expect(error.message).toMatch(/Film\.info\.lang.*\(isIn\)/s);
    await refusal(() => mapper.batchPut([film('plain2'), film('plain3', { cast: [{ name: 'z' }] as Actor[] })]));
    await refusal(() => mapper.update(Film, { id: 'plain4' }, { info: { rating: 12 } as Info }));
    expect(await mapper.scan(Film).count()).toBe(0);
  });

  it('a nested class\'s default counts as set (regression: @IsDefined refused it before the default was applied)', async () => {
    const stored = await mapper.put(film('default1', { info: new Info() }));
    expect(stored.info?.lang).toBe('en');
    const updated = await mapper.update(Film, { id: 'default1' }, { info: new Info() });
    expect(updated?.info?.lang).toBe('en');
  });

  it('update() checks only what it changes, and the key (regression: @IsDefined on another property refused every update)', async () => {
    await mapper.put(film('upd001'));
    expect((await mapper.update(Film, { id: 'upd001' }, { rating: 5 }))?.rating).toBe(5);
    // The key: an update may create the item, so it is held to its rules.
    const key = await refusal(() => mapper.update(Film, { id: 'x' }, { rating: 1 }));
    expect(key.message).toMatch(/Film\.id.*\(isLength\)/s);
    expect(await mapper.get(Film, { id: 'x' })).toBeUndefined();
  });

  it('update() refuses to null or remove a property the rules require (regression: both were written)', async () => {
    await mapper.put(film('upd002'));
    await refusal(() => mapper.update(Film, { id: 'upd002' }, { title: null as never }));
    await refusal(() => mapper.update(Film, { id: 'upd002' }, { title: remove() as never }));
    expect((await mapper.get(Film, { id: 'upd002' }))?.title).toBe('T');
    // An optional one may go.
    await mapper.update(Film, { id: 'upd002' }, { rating: remove() });
  });

  it('save() of an entity read in part checks what it holds (regression: rules on unread properties refused it)', async () => {
    await mapper.put(film('part01', { rating: 1 }));
    const partial = (await mapper.get(Film, { id: 'part01' }, { project: ['rating'] }))!;
    partial.rating = 2;
    await mapper.save(partial);
    expect((await mapper.get(Film, { id: 'part01' }))).toMatchObject({ title: 'T', rating: 2 });
    partial.rating = 11;
    await refusal(() => mapper.save(partial));
  });
});

describeOnDynamoDBLocal('class-validator in transactions', () => {
  it('tx.put of a plain nested object and tx.update with an invalid key are refused; tx.save of a partial entity passes', async () => {
    await refusal(() => mapper.transaction((tx) => { tx.put(film('txplain', { info: { rating: 50 } as Info })); }));
    await refusal(() => mapper.transaction((tx) => { tx.update(Film, { id: 'y' }, { rating: 1 }); }));
    await mapper.put(film('txpart', { rating: 1 }));
    const partial = (await mapper.get(Film, { id: 'txpart' }, { project: ['rating'] }))!;
    partial.rating = 3;
    await mapper.transaction((tx) => { tx.save(partial); });
    expect((await mapper.get(Film, { id: 'txpart' }))?.rating).toBe(3);
    expect(await mapper.get(Film, { id: 'txplain' })).toBeUndefined();
  });
});

// What class-validator sees stays the caller's object where that is what is stored (a review's findings).
class Pet {
  @IsString() @Attribute({ type: 'string' }) name?: string;
}
class Dog extends Pet {
  @MinLength(5) declare name?: string;
}
class Secretive {
  @IsDefined() @IsString() @Exclude({ toClassOnly: true }) @Attribute({ type: 'string' }) writeOnly?: string;
}

@Table({ name: 'ValidatedOwners' })
class Owner {
  @PartitionKey({ type: 'string' }) id!: string;
  @IsOptional() @Attribute({ type: 'string', default: 'draft' }) status?: string;
  @IsOptional() @Max(10) @Attribute({ type: 'number' }) rating?: number;
  @IsOptional() @ValidateNested() @Type(() => Pet) @Attribute({ type: () => Pet }) pet?: Pet;
  @IsOptional() @ValidateNested() @Type(() => Secretive) @Attribute({ type: () => Secretive }) secret?: Secretive;
  @IsOptional() @ValidateNested() @Type(() => Info) @Attribute({ type: () => Info }) info?: Info;
}

/** No defaults nor hooks: nothing to stage, so the entity itself is validated and its private fields are there. */
@Table({ name: 'ValidatedKeepers' })
class Keeper {
  @PartitionKey({ type: 'string' }) id!: string;
  @IsOptional() @ValidateNested() @Type(() => Pet) @Attribute({ type: () => Pet }) pet?: Pet;
  #code = 'abc';
  @MinLength(2) get code(): string { return this.#code; }
}

describe('class-validator sees the caller\'s nested objects where they are what is stored', () => {
  beforeAll(async () => {
    await mapper.sync([Owner, Keeper]);
  });

  it('a subclass instance keeps its own rules; a write-only nested field is still there; private fields survive (no default to stage)', async () => {
    await mapper.put(Object.assign(new Keeper(), { id: 'k1', pet: Object.assign(new Pet(), { name: 'Rex' }) }));
    const dog = Object.assign(new Dog(), { name: 'ab' });
    await refusal(() => mapper.put(Object.assign(new Owner(), { id: 'o1', pet: dog })));
    await refusal(() => mapper.update(Owner, { id: 'o1' }, { pet: dog }));
    await mapper.put(Object.assign(new Owner(), { id: 'o2', secret: Object.assign(new Secretive(), { writeOnly: 'x' }) }));
    expect(await mapper.get(Owner, { id: 'o2' })).toBeDefined();
  });

  it('save() of an entity read with a nested projection checks what it read, twice (regression: the second save wrote defaults over unread attributes)', async () => {
    await mapper.put(Object.assign(new Owner(), { id: 'o3', status: 'live', rating: 1, info: Object.assign(new Info(), { rating: 2, lang: 'fr' }) }));
    const partial = (await mapper.get(Owner, { id: 'o3' }, { project: ['rating', 'info.rating'] }))!;
    partial.rating = 2;
    await mapper.save(partial);
    partial.rating = 3;
    await mapper.save(partial);
    expect(await mapper.get(Owner, { id: 'o3' })).toMatchObject({ status: 'live', rating: 3, info: { rating: 2, lang: 'fr' } });
  });
});

// Documents inside documents, and save() (the last review's findings).
class Inner {
  @IsOptional() @Max(10) @Attribute({ type: 'number' }) score?: number;
  @IsDefined() @IsString() @Attribute({ type: 'string', default: 'in-def' }) tag?: string;
}
class Outer {
  @IsOptional() @ValidateNested() @Type(() => Inner) @Attribute({ type: () => Inner }) inner?: Inner;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Inner) @Attribute({ type: () => [Inner] }) inners?: Inner[];
}

@Table({ name: 'ValidatedNests' })
class Nest {
  @PartitionKey({ type: 'string' }) id!: string;
  @IsOptional() @ValidateNested() @Type(() => Outer) @Attribute({ type: () => Outer }) outer?: Outer;
  @IsOptional() @ValidateNested() @Type(() => Pet) @Attribute({ type: () => Pet }) pet?: Pet;
  @IsOptional() @ValidateNested() @Type(() => Secretive) @Attribute({ type: () => Secretive }) secret?: Secretive;
}

describe('class-validator at every depth, and on save()', () => {
  beforeAll(async () => {
    await mapper.sync([Nest]);
  });

  it('a plain object inside a nested instance is held to its class\'s rules; a default inside it counts', async () => {
    const outer = (inner: unknown) => Object.assign(new Outer(), { inner });
    const error = await refusal(() => mapper.put(Object.assign(new Nest(), { id: 'n1', outer: outer({ score: 99 }) })));
    expect(error.message).toMatch(/Nest\.outer\.inner\.score/);
    expect(error.message).not.toMatch(/tag/);
    await refusal(() => mapper.put(Object.assign(new Nest(), { id: 'n2', outer: Object.assign(new Outer(), { inners: [{ score: 99 }] }) })));
    await mapper.put(Object.assign(new Nest(), { id: 'n3', outer: outer(Object.assign(new Inner(), { score: 1 })) }));
    expect((await mapper.get(Nest, { id: 'n3' }))?.outer?.inner?.tag).toBe('in-def');
  });

  it('save() checks the caller\'s nested instances: a subclass\'s rules, write-only fields', async () => {
    await mapper.put(Object.assign(new Nest(), { id: 'n4' }));
    const read = (await mapper.get(Nest, { id: 'n4' }))!;
    read.pet = Object.assign(new Dog(), { name: 'ab' });
    await refusal(() => mapper.save(read));
    read.pet = undefined;
    read.secret = Object.assign(new Secretive(), { writeOnly: 'y' });
    await mapper.save(read);
  });
});

class Deep {
  @IsOptional() @Max(10) @Attribute({ type: 'number' }) x?: number;
}
class WithDeep {
  @IsOptional() @ValidateNested() @Type(() => Deep) @Attribute({ type: () => Deep }) deep?: Deep;
}
class HoldsWriteOnly {
  @IsOptional() @ValidateNested() @Type(() => WithDeep) @Exclude({ toClassOnly: true }) @Attribute({ type: () => WithDeep }) wo?: WithDeep;
}

@Table({ name: 'ValidatedFrozen' })
class Frozen {
  @PartitionKey({ type: 'string' }) id!: string;
  @IsOptional() @ValidateNested() @Type(() => HoldsWriteOnly) @Attribute({ type: () => HoldsWriteOnly }) outer?: HoldsWriteOnly;
}

describe('validation never writes into the caller\'s objects', () => {
  beforeAll(async () => {
    await mapper.sync([Frozen]);
  });

  it('a frozen plain object holding a write-only nested document validates (regression: TypeError assigning into it)', async () => {
    const outer = Object.freeze({ wo: Object.freeze({ deep: Object.freeze({ x: 1 }) }) }) as unknown as HoldsWriteOnly;
    await mapper.put(Object.assign(new Frozen(), { id: 'f1', outer }));
    const bad = Object.freeze({ wo: Object.freeze({ deep: Object.freeze({ x: 50 }) }) }) as unknown as HoldsWriteOnly;
    await refusal(() => mapper.put(Object.assign(new Frozen(), { id: 'f2', outer: bad })));
  });
});
