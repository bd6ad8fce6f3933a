#include <bits/stdc++.h>
using namespace std;

// Wrong: pops on a[top] <= a[i], so an equal element counts as "greater".
int main() {
    int n;
    scanf("%d", &n);
    vector<int> a(n), answer(n, -1), st;
    for (auto& v : a) scanf("%d", &v);
    for (int i = 0; i < n; i++) {
        while (!st.empty() && a[st.back()] <= a[i]) {
            answer[st.back()] = a[i];
            st.pop_back();
        }
        st.push_back(i);
    }
    for (int i = 0; i < n; i++) printf("%d ", answer[i]);
    printf("\n");
    return 0;
}
