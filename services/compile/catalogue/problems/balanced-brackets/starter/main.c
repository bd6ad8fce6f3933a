#include <stdio.h>
#include <string.h>

static char s[100005];

int main(void) {
    int t;
    if (scanf("%d", &t) != 1) return 0;
    while (t--) {
        scanf("%100000s", s);
        /* TODO: print YES or NO */
    }
    return 0;
}
