# eval.mk: the relevance harness of ax-rank (scripts/eval/, docs/ranking.md).
#   make eval    index the pinned corpus if needed, print BM25 vs reranked
# Included by the top Makefile: include scripts/eval/eval.mk
eval: all
	@scripts/eval/run.sh $(B)

.PHONY: eval
