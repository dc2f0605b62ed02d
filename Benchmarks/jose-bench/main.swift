// jose-bench: prints `NAME value unit` lines for ../shared/bench/crypto-compare.sh.
print("jose-bench: not yet implemented")
