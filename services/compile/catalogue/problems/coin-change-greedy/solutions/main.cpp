#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, k;
    cin >> n >> k;
    vector<int> coins(n);
    for (auto& c : coins) cin >> c;
    int count = 0;
    for (int i = n - 1; i >= 0; i--) {
        count += k / coins[i];
        k %= coins[i];
    }
    cout << count << '\n';
    return 0;
}
