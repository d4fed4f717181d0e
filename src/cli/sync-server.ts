// A CouchDB-protocol server for trying sync on this machine (`npm run sync-server`): pouchdb-server on 127.0.0.1.
import { parseArgs } from 'node:util';
import { startSyncServer } from '../../tests/sync-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5984' },
    database: { type: 'string', default: 'keypoints' },
    user: { type: 'string', default: 'keypoints' },
    password: { type: 'string', default: 'keypoints' },
    // Without it the data lives in memory and is gone when the server stops.
    dir: { type: 'string' },
  },
});

const server = await startSyncServer({
  port: Number(values.port),
  admin: { user: values.user, password: values.password },
  databases: [values.database],
  ...(values.dir ? { dataDir: values.dir } : {}),
});

console.log(`Sync server for trials: ${server.url}
  database  ${values.database}
  user      ${values.user}
  password  ${values.password}
  data      ${values.dir ? `kept in ${values.dir}` : 'in memory (gone when the server stops; --dir <folder> keeps it)'}
Enter these on the Sync screen. Press Ctrl+C to stop the server (pid ${server.pid}).`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  console.log('Sync server stopped.');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
