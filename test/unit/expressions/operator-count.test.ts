/**
 * The operator count against DynamoDB's limit of 300, as DynamoDB Local counts (measured: each
 * expression below at k = the first count refused gave "operator count: 301").
 */
import { operatorCount } from '../../../src/expressions/operator-count';

const joined = (k: number, part: string) => Array.from({ length: k }, () => part).join(' OR ');

describe('operatorCount', () => {
  it('counts comparators, AND/OR/NOT and functions one each', () => {
    expect(operatorCount('attribute_not_exists(#n0) OR #n1 = :v0')).toBe(3);
    expect(operatorCount('#n0 <> :v0 AND NOT (#n1 <= :v1 OR #n1 >= :v2)')).toBe(6);
    expect(operatorCount('begins_with(#n0, :v0) AND contains(#n1, :v1) AND attribute_type(#n2, :v2)')).toBe(5);
  });

  it('counts BETWEEN once (its AND is part of it) and IN once, whatever its operands', () => {
    expect(operatorCount('#n0 BETWEEN :v0 AND :v1')).toBe(1);
    expect(operatorCount('#n0 IN (:v0, :v1, :v2)')).toBe(1);
    // DynamoDB Local: 150 of these with attribute_not_exists(pk) OR in front is 301, refused.
    expect(operatorCount(`attribute_not_exists(#pk) OR ${joined(150, '#n BETWEEN :v0 AND :v1')}`)).toBe(301);
    expect(operatorCount(`attribute_not_exists(#pk) OR ${joined(150, '#n IN (:v0, :v1, :v2)')}`)).toBe(301);
  });

  it('counts size() as a function and its comparison apart', () => {
    // DynamoDB Local: 99 of these passed (298), 100 were refused (301).
    expect(operatorCount(`attribute_not_exists(#pk) OR ${joined(99, 'size(#n) > :v0')}`)).toBe(298);
    expect(operatorCount(`attribute_not_exists(#pk) OR ${joined(100, 'size(#n) > :v0')}`)).toBe(301);
  });

  it('does not count placeholders, paths or list indexes', () => {
    expect(operatorCount('#n0.#n1[3].#n2 = :v10')).toBe(1);
  });
});
