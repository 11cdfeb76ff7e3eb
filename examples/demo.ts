/**
 * `npm run demo`: the Movies walkthrough on an embedded DynamoDB (dynalite, in this process).
 * No AWS account, no Docker.
 */
// The SDK warns that its 2027 releases will need Node 22; on Node 20 that is noise for a demo.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { startEmbeddedDynamoDB } from './support/embedded-dynamodb';
import { walkthrough } from './movies/walkthrough';

async function main(): Promise<void> {
  const db = await startEmbeddedDynamoDB();
  console.log(`dynamap demo: embedded DynamoDB (dynalite) at ${db.endpoint}\n`);
  try {
    await walkthrough(db.client);
  } finally {
    await db.stop();
  }
  console.log('\ndemo finished');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
