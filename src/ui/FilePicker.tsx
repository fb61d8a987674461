import { useEffect, useRef, useState, type DragEvent } from 'react';
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
    else accepted.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()), blob: f });
  }
  return accepted;
}

/**
 * Drag-and-drop plus a real file input (several files at once), and the encoding choice. Once
 * data is loaded it shrinks to one line (`compact`) and the whole page takes drops.
 */
export function FilePicker({ locale, compact = false, replacesSample = false, onFiles, onRefused }: { locale: Locale; compact?: boolean; replacesSample?: boolean; onFiles: (files: InputFile[], encoding: EncodingChoice) => void; onRefused: (name: string, refusal: Error) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const take = async (list: FileList | undefined) => {
    if (!list || list.length === 0) return;
    const files = await readAll(list, onRefused);
    if (files.length > 0) onFiles(files, encoding);
  };
  const latest = useRef(take);
  latest.current = take;
  // Compact: a drop anywhere on the page loads (one listener, so a drop is never taken twice).
  useEffect(() => {
    if (!compact) return;
    const carries = (e: globalThis.DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onOver = (e: globalThis.DragEvent) => {
      if (!carries(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: globalThis.DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: globalThis.DragEvent) => {
      if (!carries(e)) return;
      e.preventDefault();
      setOver(false);
      void latest.current(e.dataTransfer?.files);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [compact]);
  const zone = compact
    ? {}
    : {
        onDragOver: (e: DragEvent) => {
          e.preventDefault();
          setOver(true);
        },
        onDragLeave: () => setOver(false),
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          setOver(false);
          void take(e.dataTransfer.files);
        },
      };
  const fileInput = (
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
  );
  const encodingChoice = (
    <label className="hint">
      {t(locale, 'encoding')}{' '}
      <select value={encoding} onChange={(e) => setEncoding(e.target.value as EncodingChoice)}>
        <option value="auto">{t(locale, 'encodingAuto')}</option>
        <option value="utf-8">UTF-8</option>
        <option value="gb18030">GBK / GB18030</option>
      </select>
    </label>
  );
  if (compact) {
    return (
      <section className={`dropzone compact${over ? ' over' : ''}`} aria-label={t(locale, 'addData')}>
        <button type="button" onClick={() => input.current?.click()}>
          {t(locale, 'addData')}
        </button>
        <span className="hint">{t(locale, replacesSample ? 'addDataHintSample' : 'addDataHint')}</span>
        {encodingChoice}
        {fileInput}
      </section>
    );
  }
  return (
    <section className={`dropzone${over ? ' over' : ''}`} {...zone} aria-label={t(locale, 'dropHint')}>
      <p>
        {t(locale, 'dropHint')}{' '}
        <button type="button" onClick={() => input.current?.click()}>
          {t(locale, 'chooseFiles')}
        </button>
      </p>
      {fileInput}
      <p className="hint">{t(locale, 'formatsHint')}</p>
      {encodingChoice}
    </section>
  );
}
