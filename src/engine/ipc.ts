/**
 * Arrow IPC file → IPC stream, without decoding anything. DuckDB-WASM hands results out in the
 * file format; parquet-wasm reads only streams. The file format is the stream's messages
 * between an 8-byte magic header and a footer (`…footer, int32 footer length, "ARROW1"`).
 */
export function ipcFileToStream(file: Uint8Array): Uint8Array {
  const magic = 'ARROW1';
  const isMagic = (at: number) => [...magic].every((c, i) => file[at + i] === c.charCodeAt(0));
  if (file.length < 18 || !isMagic(0) || !isMagic(file.length - 6)) return file; // already a stream
  const footerLength = new DataView(file.buffer, file.byteOffset + file.length - 10, 4).getInt32(0, true);
  const messagesEnd = file.length - 10 - footerLength;
  const eos = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
  const out = new Uint8Array(messagesEnd - 8 + eos.length);
  out.set(file.subarray(8, messagesEnd), 0);
  out.set(eos, messagesEnd - 8);
  return out;
}
