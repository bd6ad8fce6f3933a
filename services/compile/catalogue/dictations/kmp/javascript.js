function buildFail(p) {
  const fail = new Array(p.length).fill(0);
  for (let i = 1, k = 0; i < p.length; i++) {
    while (k > 0 && p[i] !== p[k]) {
      k = fail[k - 1];
    }
    if (p[i] === p[k]) {
      k++;
    }
    fail[i] = k;
  }
  return fail;
}

function kmpSearch(text, p) {
  const fail = buildFail(p);
  const found = [];
  for (let i = 0, k = 0; i < text.length; i++) {
    while (k > 0 && text[i] !== p[k]) {
      k = fail[k - 1];
    }
    if (text[i] === p[k]) {
      k++;
    }
    if (k === p.length) {
      found.push(i - p.length + 1);
      k = fail[k - 1];
    }
  }
  return found;
}

console.log('found at: ' + kmpSearch('abababcabab', 'abab').join(' '));
