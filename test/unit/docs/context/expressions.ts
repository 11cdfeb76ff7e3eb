import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
declare const key: { sku: string };
import type { Condition } from 'dynamap';
declare const genre: string | undefined;
declare const minRating: number | undefined;
