#include <stdio.h>
#include <string.h>

static char t[500005], p[500005];
static int fail[500005]; /* fail[i] = longest proper border of p[0..i] */

int main(void) {
    if (scanf("%500000s %500000s", t, p) != 2) return 0;
    int n = strlen(t), m = strlen(p);
    for (int i = 1, k = 0; i < m; i++) {
        while (k > 0 && p[i] != p[k]) k = fail[k - 1];
        if (p[i] == p[k]) k++;
        fail[i] = k;
    }
    int count = 0;
    for (int i = 0, k = 0; i < n; i++) {
        while (k > 0 && t[i] != p[k]) k = fail[k - 1];
        if (t[i] == p[k]) k++;
        if (k == m) {
            count++;
            k = fail[k - 1];
        }
    }
    printf("%d\n", count);
    return 0;
}
