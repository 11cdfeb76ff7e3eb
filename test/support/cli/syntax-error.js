// A models file with a syntax error on line 3, for the CLI's load message.
const ok = 1;
const broken = ;
