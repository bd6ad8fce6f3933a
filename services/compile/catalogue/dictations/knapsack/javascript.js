function knapsack(items, capacity) {
  const dp = new Array(capacity + 1).fill(0);
  for (const [weight, value] of items) {
    for (let c = capacity; c >= weight; c--) {
      dp[c] = Math.max(dp[c], dp[c - weight] + value);
    }
  }
  return dp[capacity];
}

const items = [
  [6, 13],
  [4, 8],
  [3, 6],
  [5, 12],
];
const capacity = 7;
console.log('items: ' + items.length);
console.log('capacity: ' + capacity);
console.log('best value: ' + knapsack(items, capacity));
