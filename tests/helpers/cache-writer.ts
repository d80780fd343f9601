// Run as a child process by tests/embedding/atomic-cache.test.ts, which kills it while it writes:
// stores MEGABYTES of bytes through the model download cache into DIR.
import { atomicModelCache } from '../../embedding/atomic-cache.ts';

const [dir, megabytes] = process.argv.slice(2);
const host = 'http://127.0.0.1:9/';
const body = Buffer.alloc(Number(megabytes) * 1024 * 1024, 7);
await atomicModelCache(dir!, host).put(`${host}org/model/resolve/main/onnx/model.onnx`, new Response(body));
