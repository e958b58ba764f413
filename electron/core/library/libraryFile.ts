/** The library database's file name inside the data folder. */
export const LIBRARY_FILE = 'library.sqlite';
