#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<int> a(n), answer(n, -1);
    for (auto& v : a) cin >> v;
    vector<int> st;  // indices still waiting for a greater element
    for (int i = 0; i < n; i++) {
        while (!st.empty() && a[st.back()] < a[i]) {
            answer[st.back()] = a[i];
            st.pop_back();
        }
        st.push_back(i);
    }
    for (int i = 0; i < n; i++) cout << answer[i] << (i + 1 < n ? ' ' : '\n');
    return 0;
}
