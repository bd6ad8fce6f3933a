const [t, p] = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/);
// TODO: print the number of occurrences of p in t
