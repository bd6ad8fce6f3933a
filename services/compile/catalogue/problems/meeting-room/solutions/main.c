#include <stdio.h>
#include <stdlib.h>

typedef struct { int s, e; } Meeting;

static Meeting m[100000];

static int cmp(const void* a, const void* b) {
    const Meeting* u = a;
    const Meeting* v = b;
    if (u->e != v->e) return u->e < v->e ? -1 : 1;
    if (u->s != v->s) return u->s < v->s ? -1 : 1;
    return 0;
}

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%d %d", &m[i].s, &m[i].e);
    qsort(m, n, sizeof(Meeting), cmp);
    int count = 0;
    long long last_end = -1;
    for (int i = 0; i < n; i++) {
        if (m[i].s >= last_end) {
            count++;
            last_end = m[i].e;
        }
    }
    printf("%d\n", count);
    return 0;
}
