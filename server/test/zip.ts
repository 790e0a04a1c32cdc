/** Test support: the ZIP reader and writer live in server/lib/zip.ts (the .xlsx import uses them too). */
export { unzip, zip } from '../lib/zip.ts';
