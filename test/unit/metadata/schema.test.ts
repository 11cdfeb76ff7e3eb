import 'reflect-metadata';
import {
  Attribute, CreatedAt, GlobalIndex, LocalIndex, PartitionKey, SortKey, Table, TimeToLive, UpdatedAt, Version,
} from '../../../src/decorators';
import { defineModel, getDocumentSchema, getModelSchema, registeredTables } from '../../../src/metadata';
import { declaredTableName } from '../../../src/metadata/schema';

class MovieInfo {
  @Attribute() directors?: string[];
  @Attribute({ name: 'release_date' }) releaseDate?: Date;
  @Attribute() rating?: number;
}

@Table({ name: 'Movies' })
@GlobalIndex('byGenre', { partitionKey: 'genre', sortKey: 'rating', projection: 'ALL' })
class Movie {
  @PartitionKey() year!: number;
  @SortKey() title!: string;
  @Attribute() genre?: string;
  @Attribute() rating?: number;
  @Attribute() info?: MovieInfo;
  @Attribute({ type: 'stringSet' }) tags?: Set<string>;
  @Version() version?: number;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;
  @TimeToLive() expiresAt?: Date;
}

describe('schema builder', () => {
  it('builds the DESIGN.md Movie model', () => {
    const s = getModelSchema(Movie);
    expect(s.table).toEqual({ name: 'Movies', billing: 'PAY_PER_REQUEST' });
    expect(s.attributes.map((a) => [a.property, a.name, a.kind, a.role, a.scalarType])).toEqual([
      ['year', 'year', 'number', 'partitionKey', 'N'],
      ['title', 'title', 'string', 'sortKey', 'S'],
      ['genre', 'genre', 'string', 'attribute', 'S'],
      ['rating', 'rating', 'number', 'attribute', 'N'],
      ['info', 'info', 'document', 'attribute', undefined],
      ['tags', 'tags', 'stringSet', 'attribute', undefined],
      ['version', 'version', 'number', 'version', 'N'],
      ['createdAt', 'createdAt', 'date', 'createdAt', 'S'],
      ['updatedAt', 'updatedAt', 'date', 'updatedAt', 'S'],
      ['expiresAt', 'expiresAt', 'epochSeconds', 'ttl', 'N'],
    ]);
    expect(s.key.partitionKey.property).toBe('year');
    expect(s.key.sortKey?.property).toBe('title');
    expect(s.version?.property).toBe('version');
    expect(s.ttl?.property).toBe('expiresAt');
    expect(s.indexes).toHaveLength(1);
    expect(s.indexByName.get('byGenre')).toMatchObject({ type: 'global', projection: { type: 'ALL' } });
    expect(s.indexByName.get('byGenre')!.partitionKey.property).toBe('genre');
    expect(s.byProperty.get('info')!.documentClass).toBe(MovieInfo);
    expect(getDocumentSchema(MovieInfo).byName.get('release_date')!.property).toBe('releaseDate');
    expect(registeredTables()).toContain(Movie);
  });

  it('is computed once and frozen', () => {
    const s = getModelSchema(Movie);
    expect(getModelSchema(Movie)).toBe(s);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.attributes[0])).toBe(true);
  });

  it('resolves inheritance: parent keys, attributes and indexes, child additions and overrides', () => {
    @Table({ name: 'Entities' })
    @GlobalIndex('byKind', { partitionKey: 'kind' })
    class Base {
      @PartitionKey() pk!: string;
      @SortKey() sk!: string;
      @Attribute() kind?: string;
      @Attribute() note?: string;
    }
    @LocalIndex('byScore', { sortKey: 'score', projection: ['note'] })
    class Child extends Base {
      @Attribute() score?: number;
      @Attribute({ name: 'n' }) override note?: string;
    }
    const s = getModelSchema(Child);
    expect(s.table.name).toBe('Entities');
    expect(s.key.partitionKey.property).toBe('pk');
    expect(s.attributes.map((a) => `${a.property}:${a.name}`)).toEqual(['pk:pk', 'sk:sk', 'kind:kind', 'score:score', 'note:n']);
    expect(s.indexes.map((i) => `${i.name}:${i.type}`)).toEqual(['byKind:global', 'byScore:local']);
    expect(s.indexByName.get('byScore')!.projection).toEqual({ type: 'INCLUDE', nonKeyAttributes: ['n'] });
    // The parent is unaffected by the child's additions.
    expect(getModelSchema(Base).attributes.map((a) => a.property)).toEqual(['pk', 'sk', 'kind', 'note']);
  });

  it('a subclass with its own @Table is stored in its own table, with the inherited attributes', () => {
    @Table({ name: 'Parents' }) class Parent { @PartitionKey() id!: string; @Attribute() n?: number; }
    @Table({ name: 'Children' }) class Kid extends Parent {}
    expect(getModelSchema(Parent).table.name).toBe('Parents');
    expect(getModelSchema(Kid).table.name).toBe('Children');
    expect(getModelSchema(Kid).attributes.map((a) => a.property)).toEqual(['id', 'n']);
  });

  it("a subclass without @Table of its own lives in its parent's table, also when @Table() gives no name", () => {
    @Table() class Animal { @PartitionKey() id!: string; }
    class Dog extends Animal { @Attribute() bark?: string; }
    @Table() class Cat extends Animal {}
    expect(getModelSchema(Dog).table.name).toBe('Animal');
    expect(declaredTableName(Dog)).toBe('Animal');
    // Its own @Table() names its own table after itself.
    expect(getModelSchema(Cat).table.name).toBe('Cat');
    expect(declaredTableName(Cat)).toBe('Cat');
  });

  it('works without design:type when type is given (defineModel, as esbuild users would)', () => {
    class Item { id!: string; when?: Date; n?: bigint; }
    defineModel(Item, {
      table: { name: 'Items', billing: { read: 2, write: 3 } },
      attributes: { id: { role: 'partitionKey', type: 'string' }, when: { type: 'epochSeconds' }, n: { type: 'bigint' } },
      globalIndexes: { byWhen: { partitionKey: 'when' } },
    });
    const s = getModelSchema(Item);
    expect(s.attributes.map((a) => [a.property, a.kind, a.scalarType])).toEqual([
      ['id', 'string', 'S'], ['when', 'epochSeconds', 'N'], ['n', 'bigint', 'N'],
    ]);
    expect(s.indexes[0].throughput).toEqual({ read: 2, write: 3 });
  });

  it('takes nested classes and arrays of classes from type, and keeps enums', () => {
    enum Color { Red = 'red', Blue = 'blue' }
    enum Level { Low, High }
    class Part { @Attribute() label?: string; }
    @Table() class Assembly {
      @PartitionKey() id!: string;
      @Attribute({ type: () => [Part] }) parts?: Part[];
      @Attribute({ type: () => Part }) main?: Part;
      @Attribute({ enum: Color }) color?: Color;
      @Attribute({ enum: Level }) level?: Level;
    }
    const s = getModelSchema(Assembly);
    expect(s.byProperty.get('parts')).toMatchObject({ kind: 'documentList', documentClass: Part });
    expect(s.byProperty.get('main')).toMatchObject({ kind: 'document', documentClass: Part });
    expect(s.byProperty.get('color')!.enumValues).toEqual(['red', 'blue']);
    expect(s.byProperty.get('level')!.enumValues).toEqual([0, 1]);
  });

  it('allows recursive document classes', () => {
    class TreeNode { @Attribute() label?: string; @Attribute({ type: () => [TreeNode] }) children?: TreeNode[]; }
    @Table() class Tree { @PartitionKey() id!: string; @Attribute() root?: TreeNode; }
    expect(getModelSchema(Tree).byProperty.get('root')!.documentClass).toBe(TreeNode);
    expect(getDocumentSchema(TreeNode).byProperty.get('children')!.kind).toBe('documentList');
  });
});
