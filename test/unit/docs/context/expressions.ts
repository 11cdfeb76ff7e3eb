import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
declare const key: { sku: string };
