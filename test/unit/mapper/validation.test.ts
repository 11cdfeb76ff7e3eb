/**
 * class-validator runs on writes of classes that have rules (their own or inherited); classes
 * without any rule skip it (they are valid by definition). These pin which classes count as
 * having rules, and that inherited rules are still enforced.
 */
import { IsInt, Min, Validate, ValidateNested, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { ValidationError } from '../../../src';
import { hasValidationRules, validateChanges, validateEntity } from '../../../src/mapper/validation';
import { Attribute, PartitionKey, Table } from '../../../src/decorators';
import { IsDefined } from 'class-validator';

class Plain {
  name?: string;
}

class Rated {
  @IsInt() @Min(0) rating?: number;
}

class RatedChild extends Rated {
  extra?: string;
}

class Inner {
  @Min(1) n?: number;
}

class Outer {
  @ValidateNested() inner?: Inner;
}

describe('validation rules of a class', () => {
  it('a class without rules has none; its entities are valid whatever their values', async () => {
    expect(hasValidationRules(Plain)).toBe(false);
    await expect(validateEntity(Object.assign(new Plain(), { name: 42 }), 'Plain')).resolves.toBeUndefined();
  });

  it('own rules are enforced', async () => {
    expect(hasValidationRules(Rated)).toBe(true);
    await expect(validateEntity(Object.assign(new Rated(), { rating: -1 }), 'Rated')).rejects.toBeInstanceOf(ValidationError);
  });

  it('inherited rules count and are enforced on the subclass', async () => {
    expect(hasValidationRules(RatedChild)).toBe(true);
    const error = await validateEntity(Object.assign(new RatedChild(), { rating: 1.5 }), 'RatedChild').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/RatedChild/);
    expect((error as Error).message).toMatch(/rating/);
  });

  it('a nested class is validated through @ValidateNested of its parent', async () => {
    expect(hasValidationRules(Outer)).toBe(true);
    const outer = Object.assign(new Outer(), { inner: Object.assign(new Inner(), { n: 0 }) });
    await expect(validateEntity(outer, 'Outer')).rejects.toBeInstanceOf(ValidationError);
  });
});

@ValidatorConstraint({ name: 'exploding', async: true })
class Exploding implements ValidatorConstraintInterface {
  async validate(value: unknown): Promise<boolean> {
    if (value === 'boom') throw new Error('validator exploded');
    return true;
  }
}

class Guarded {
  @Validate(Exploding) code?: string;
}

describe('a rule that throws', () => {
  it('is a ValidationError naming the class, with the rule\'s error as cause (regression: the raw Error escaped)', async () => {
    const error = await validateEntity(Object.assign(new Guarded(), { code: 'boom' }), 'Guarded').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'validate.threw', cause: new Error('validator exploded') });
    expect((error as Error).message).toBe(
      'Guarded: a class-validator rule threw (Error: validator exploded) instead of answering; nothing was written. The rule\'s error is the cause.');
    await expect(validateEntity(Object.assign(new Guarded(), { code: 'fine' }), 'Guarded')).resolves.toBeUndefined();
  });
});

describe('an update that empties a set', () => {
  it('removes the attribute, so a property the rules require refuses it (regression: it was sent as REMOVE)', async () => {
    @Table({ name: 'Tagged' })
    class Tagged { @PartitionKey({ type: 'string' }) id!: string; @IsDefined() @Attribute({ type: 'stringSet' }) tags?: Set<string>; }
    await expect(validateChanges(Tagged, { tags: new Set() }, 'Tagged')).rejects.toMatchObject({ code: 'validate.failed' });
    await expect(validateChanges(Tagged, { tags: new Set(['a']) }, 'Tagged')).resolves.toBeUndefined();
  });
});
