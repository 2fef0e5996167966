// Child for the bulk-import crash test: imports FILE into DATA_DIR with a small flush size (many
// transactions), printing "flush" after each, so the parent can kill -9 it between or inside them.
//   node --import tsx test/helpers/bulk-import-child.ts DATA_DIR FILE
import { ImportSession, importFile } from '../../electron/import-file';
import { openStore } from '../../electron/engine/store/open-store';

const [dataDir, file] = process.argv.slice(2);
const store = openStore(dataDir);
const session = new ImportSession(store, { flushSamples: 2000 });
const flush = session.bulk.flush.bind(session.bulk);
session.bulk.flush = (all: boolean) => {
  flush(all);
  process.stdout.write('flush\n');
};
importFile(session, file, 'auto', null);
store.close();
process.stdout.write('done\n');
