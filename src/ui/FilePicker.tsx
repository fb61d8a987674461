import { useRef, useState, type DragEvent } from 'react';
import type { EncodingChoice } from '../ingest/decode';
import type { InputFile } from '../ingest/load';
import type { Locale } from '../i18n/format';
import { t } from '../i18n/messages';

async function readAll(files: FileList | File[]): Promise<InputFile[]> {
  return Promise.all([...files].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** Drag-and-drop plus a real file input (several files at once), and the encoding choice. */
export function FilePicker({ locale, onFiles }: { locale: Locale; onFiles: (files: InputFile[], encoding: EncodingChoice) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const drop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length > 0) onFiles(await readAll(e.dataTransfer.files), encoding);
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
          if (files.length > 0) onFiles(await readAll(files), encoding);
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
