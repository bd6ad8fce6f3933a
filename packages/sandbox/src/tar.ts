/**
 * A ustar archive of flat files, for Docker's putArchive. Workspace files have plain names (validated before),
 * so the format's 100-byte name field and regular-file entries are all that is needed.
 */
function header(name: string, size: number, mode: number): Buffer {
  const block = Buffer.alloc(512, 0);
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0') + '\0';
  block.write(name, 0, 100, 'utf8');
  block.write(octal(mode, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii'); // uid
  block.write(octal(0, 8), 116, 'ascii'); // gid
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(Date.now() / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii'); // checksum placeholder: spaces while summing
  block.write('0', 156, 'ascii'); // regular file
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let checksum = 0;
  for (const byte of block) checksum += byte;
  block.write(checksum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return block;
}

export function tarFiles(files: ReadonlyArray<{ name: string; content: Buffer; mode: number }>): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(header(file.name, file.content.length, file.mode), file.content);
    const padding = (512 - (file.content.length % 512)) % 512;
    if (padding > 0) parts.push(Buffer.alloc(padding, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}
