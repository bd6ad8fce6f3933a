#include <bits/stdc++.h>
using namespace std;

// Wrong: iterating capacities upwards lets an item be taken many times.
int main() {
    int n, k;
    cin >> n >> k;
    vector<int> dp(k + 1, 0);
    for (int i = 0; i < n; i++) {
        int w, v;
        cin >> w >> v;
        for (int c = w; c <= k; c++) dp[c] = max(dp[c], dp[c - w] + v);
    }
    cout << dp[k] << '\n';
    return 0;
}
