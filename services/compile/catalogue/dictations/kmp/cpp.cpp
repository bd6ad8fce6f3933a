#include <iostream>
#include <string>
#include <vector>

std::vector<int> kmpSearch(const std::string& text, const std::string& p) {
    int n = text.size(), m = p.size();
    std::vector<int> fail(m, 0);
    for (int i = 1, k = 0; i < m; i++) {
        while (k > 0 && p[i] != p[k]) {
            k = fail[k - 1];
        }
        if (p[i] == p[k]) {
            k++;
        }
        fail[i] = k;
    }
    std::vector<int> found;
    for (int i = 0, k = 0; i < n; i++) {
        while (k > 0 && text[i] != p[k]) {
            k = fail[k - 1];
        }
        if (text[i] == p[k]) {
            k++;
        }
        if (k == m) {
            found.push_back(i - m + 1);
            k = fail[k - 1];
        }
    }
    return found;
}

int main() {
    std::cout << "found at:";
    for (int pos : kmpSearch("abababcabab", "abab")) {
        std::cout << " " << pos;
    }
    std::cout << "\n";
    return 0;
}
