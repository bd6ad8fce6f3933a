class UnionFind {
  constructor(n) {
    this.parent = Array.from({ length: n }, (_, i) => i);
    this.size = new Array(n).fill(1);
  }

  find(x) {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }

  union(a, b) {
    a = this.find(a);
    b = this.find(b);
    if (a === b) {
      return false;
    }
    if (this.size[a] < this.size[b]) {
      [a, b] = [b, a];
    }
    this.parent[b] = a;
    this.size[a] += this.size[b];
    return true;
  }
}

const uf = new UnionFind(6);
uf.union(0, 1);
uf.union(1, 2);
uf.union(3, 4);
console.log('0 and 2: ' + (uf.find(0) === uf.find(2)));
console.log('2 and 3: ' + (uf.find(2) === uf.find(3)));
console.log('size of 0: ' + uf.size[uf.find(0)]);
