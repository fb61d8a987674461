import { useRef, useState, type DragEvent } from 'react';
import type { EncodingChoice } from '../ingest/decode';
import type { InputFile } from '../ingest/load';
import type { Locale } from '../i18n/format';
import { t } from '../i18n/messages';
import { sizeRefusalError } from '../ingest/limits';

/**
 * Reads files a tab can hold; refuses the rest by size before reading a byte (a 2 GB CSV would
 * otherwise take the tab down), saying what to do instead.
 */
async function readAll(files: FileList | File[], onRefused: (name: string, refusal: Error) => void): Promise<InputFile[]> {
  const accepted: InputFile[] = [];
  for (const f of [...files]) {
    const refusal = sizeRefusalError(f.name, f.size);
    if (refusal) onRefused(f.name, refusal);
    else accepted.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  return accepted;
}

/** Drag-and-drop plus a real file input (several files at once), and the encoding choice. */
export function FilePicker({ locale, onFiles, onRefused }: { locale: Locale; onFiles: (files: InputFile[], encoding: EncodingChoice) => void; onRefused: (name: string, refusal: Error) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const drop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length > 0) {
      const files = await readAll(e.dataTransfer.files, onRefused);
      if (files.length > 0) onFiles(files, encoding);
    }
  };
  return (
    <section
      className={`dropzone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      aria-label={t(locale, 'dropHint')}
    >
      <p>
        {t(locale, 'dropHint')}{' '}
        <button type="button" onClick={() => input.current?.click()}>
          {t(locale, 'chooseFiles')}
        </button>
      </p>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        accept=".csv,.txt,.tsv,.xlsx,.xlsm,.parquet,.json,.ndjson,.jsonl,.arrow,.feather,.ipc"
        onChange={async (e) => {
          const target = e.currentTarget;
          const files = target.files ? [...target.files] : [];
          // Cleared at once so choosing the same file again fires a change event.
          target.value = '';
          const read = files.length > 0 ? await readAll(files, onRefused) : [];
          if (read.length > 0) onFiles(read, encoding);
        }}
      />
      <p className="hint">{t(locale, 'formatsHint')}</p>
      <label className="hint">
        {t(locale, 'encoding')}{' '}
        <select value={encoding} onChange={(e) => setEncoding(e.target.value as EncodingChoice)}>
          <option value="auto">{t(locale, 'encodingAuto')}</option>
          <option value="utf-8">UTF-8</option>
          <option value="gb18030">GBK / GB18030</option>
        </select>
      </label>
    </section>
  );
}
