import path from 'node:path';

/**
 * The OCHA COD 2015 files for Mali kept in the repository (see its README for the attribution),
 * resolved from this file so tests find them whatever folder Vitest starts in.
 */
export const maliCodDir = path.resolve(import.meta.dirname, '../../../reference-data/mali-cod-2015');
