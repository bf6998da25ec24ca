// A page saved as a Word document (.docx), as Nexis Uni delivers articles and
// Word saves documents: its text, a paragraph a line, as mammoth reads it.
import { DOCX_PART, SIGNATURE, startsWith } from '../encoding.ts';

/** Whether a file is a Word document: a zip archive holding Word's part, or one named .docx (a damaged one is named so, not "a zip archive"). */
export const isDocx = (bytes: Buffer, file: string) => startsWith(bytes, SIGNATURE.zip) && (/\.docx$/i.test(file) || bytes.includes(DOCX_PART));

/** A Word document's text, its paragraphs one a line; an Error where it cannot be read. */
export async function textOfDocx(bytes: Buffer): Promise<string> {
  // Loaded only for such a document (about 80 ms), as PDF.js and word-extractor are: most corpora have none.
  const { default: mammoth } = await import('mammoth');
  try {
    return (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (e) {
    throw new Error(`a Word document (.docx) that cannot be read (damaged: ${(e as Error).message.replace(/\.$/, '')}); open it in Word or LibreOffice and save it again, or save its text as plain text (.txt)`);
  }
}
