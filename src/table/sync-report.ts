/**
 * A sync result in words, one line per step and per note: what the `dynamap` command prints and
 * what examples log. `planned` (a dryRun result) says what would be done instead of what was.
 */
import type { KeySchemaElement, Projection } from '@aws-sdk/client-dynamodb';
import { argumentError, optionError } from '../errors/operation';
import type { SyncResult } from './types';

function keysOf(schema: readonly KeySchemaElement[] | undefined, types: ReadonlyMap<string | undefined, string | undefined>): string {
  return (schema ?? []).map((k) => `${k.AttributeName} (${types.get(k.AttributeName)}, ${k.KeyType})`).join(' + ');
}

function projectionOf(projection: Projection | undefined): string {
  return projection?.ProjectionType === 'INCLUDE' ? `INCLUDE ${projection.NonKeyAttributes?.join(', ')}` : String(projection?.ProjectionType);
}

export function describeSyncResult(result: SyncResult, options: { planned?: boolean } = {}): string[] {
  if (result === null || typeof result !== 'object' || !Array.isArray((result as { plan?: unknown }).plan)) {
    throw argumentError.invalid('describeSyncResult()', 'the result', result, 'what mapper.sync() resolved to ({ plan, ... })');
  }
  if (options === null || typeof options !== 'object') throw optionError.invalid('describeSyncResult()', 'options', options, '{ planned? }');
  const planned = options.planned ?? false;
  const lines: string[] = [];
  for (const plan of result.plan) {
    // A note may say what is not as declared and could not be changed (an engine without TTL).
    if (plan.unchanged) lines.push(`${plan.table}: ${plan.notes.length === 0 ? 'as declared, nothing to do' : 'nothing changed (see the notes)'}`);
    for (const step of plan.steps) {
      if (step.kind === 'createTable') {
        const types = new Map((step.input.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]));
        lines.push(`${planned ? 'create' : 'created'} table ${plan.table}: key ${keysOf(step.input.KeySchema, types)}, billing ${step.input.BillingMode}`);
        for (const gsi of step.input.GlobalSecondaryIndexes ?? []) {
          lines.push(`  global index ${gsi.IndexName}: key ${keysOf(gsi.KeySchema, types)}, projection ${projectionOf(gsi.Projection)}`);
        }
        for (const lsi of step.input.LocalSecondaryIndexes ?? []) {
          lines.push(`  local index ${lsi.IndexName}: key ${keysOf(lsi.KeySchema, types)}, projection ${projectionOf(lsi.Projection)}`);
        }
      } else if (step.kind === 'createGlobalIndex') {
        const types = new Map(step.attributeDefinitions.map((d) => [d.AttributeName, d.AttributeType]));
        lines.push(`${planned ? 'add' : 'added'} global index ${step.index.IndexName} to ${plan.table}: key ${keysOf(step.index.KeySchema, types)}, ` +
          `projection ${projectionOf(step.index.Projection)}`);
      } else {
        // The same words either way: an engine without TTL support skips the step and says so in a note.
        lines.push(`enable TTL on ${plan.table}.${step.attribute}`);
      }
    }
    for (const note of plan.notes) lines.push(`note: ${note}`);
  }
  return lines;
}
