/** A models file that fails to load (for the CLI's error message). */
throw new Error('this models file is broken on purpose');
