#include <stdio.h>
#include <string.h>

void kmp_search(const char *text, const char *p) {
    int n = strlen(text);
    int m = strlen(p);
    int fail[m];
    fail[0] = 0;
    for (int i = 1, k = 0; i < m; i++) {
        while (k > 0 && p[i] != p[k]) {
            k = fail[k - 1];
        }
        if (p[i] == p[k]) {
            k++;
        }
        fail[i] = k;
    }
    printf("found at:");
    for (int i = 0, k = 0; i < n; i++) {
        while (k > 0 && text[i] != p[k]) {
            k = fail[k - 1];
        }
        if (text[i] == p[k]) {
            k++;
        }
        if (k == m) {
            printf(" %d", i - m + 1);
            k = fail[k - 1];
        }
    }
    printf("\n");
}

int main(void) {
    kmp_search("abababcabab", "abab");
    return 0;
}
