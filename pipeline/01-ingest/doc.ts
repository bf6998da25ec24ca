// A page saved as a Word 97-2003 document (.doc), as LexisNexis Academic
// delivered articles and older Word and WordPad saved them: its body's
// paragraphs, one a line. word-extractor reads the Office container and
// Word's pieces of text, in their code pages; headers, footers, footnotes,
// comments and text boxes are left out, as a field's instruction is.
import type WordExtractor from 'word-extractor';
import { SIGNATURE, startsWith, WORD_97_PART } from '../encoding.ts';

/** Whether a file is a Word 97-2003 document: an Office container holding Word's part, or one named .doc (a damaged one is named so, not "an Office 97-2003 file"). */
export const isDoc = (bytes: Buffer, file: string) => startsWith(bytes, SIGNATURE.ole) && (/\.doc$/i.test(file) || bytes.includes(WORD_97_PART));

/** A Word 97-2003 document's text, its paragraphs one a line; an Error where it cannot be read. */
export async function textOfDoc(bytes: Buffer): Promise<string> {
  // Loaded only for such a document, as PDF.js and warcio are: most corpora have none.
  const { default: Extractor } = await import('word-extractor');
  try {
    // Its typings leave out the option that keeps curly quotes and dashes as written, which tell quotations and hyphens apart.
    const document = (await new Extractor().extract(bytes)) as WordExtractor.Document & { getBody(options: { filterUnicode: boolean }): string };
    return document.getBody({ filterUnicode: false });
  } catch (e) {
    throw new Error(`a Word 97-2003 document that cannot be read (damaged: ${(e as Error).message.replace(/\.$/, '')}); open it in Word or LibreOffice and save it as .docx`);
  }
}
