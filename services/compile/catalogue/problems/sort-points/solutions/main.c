#include <stdio.h>
#include <stdlib.h>

typedef struct { int x, y; } Point;

static Point p[100000];

static int cmp(const void* a, const void* b) {
    const Point* u = a;
    const Point* v = b;
    if (u->x != v->x) return u->x < v->x ? -1 : 1;
    if (u->y != v->y) return u->y < v->y ? -1 : 1;
    return 0;
}

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%d %d", &p[i].x, &p[i].y);
    qsort(p, n, sizeof(Point), cmp);
    for (int i = 0; i < n; i++) printf("%d %d\n", p[i].x, p[i].y);
    return 0;
}
