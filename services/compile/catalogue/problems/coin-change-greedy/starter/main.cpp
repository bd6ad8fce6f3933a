#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, k;
    cin >> n >> k;
    vector<int> coins(n);
    for (auto& c : coins) cin >> c;
    // TODO: print the minimum number of coins
    return 0;
}
