def binary_search(arr, target):
    lo, hi = 0, len(arr) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if arr[mid] == target:
            return mid
        if arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def main():
    arr = [1, 3, 5, 7, 9, 11, 13, 15]
    print("index of 9:", binary_search(arr, 9))
    print("index of 4:", binary_search(arr, 4))


if __name__ == "__main__":
    main()
