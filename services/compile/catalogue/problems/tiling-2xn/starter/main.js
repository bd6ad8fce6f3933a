const n = Number(require('fs').readFileSync(0, 'utf8').trim());
// TODO: print the number of tilings modulo 10007
