# Top-k and HyperLogLog structures complain about misuse on stderr and
# carry on.
event zeek_init()
	{
	local tk = topk_init(3);
	topk_add(tk, 10);
	topk_add(tk, 10);
	topk_add(tk, 20);
	print topk_count(tk, 10), topk_epsilon(tk, 10), topk_count(tk, 99), topk_epsilon(tk, 99);
	print topk_sum(tk);

	local big = topk_init(10);
	topk_add(big, 1); topk_add(big, 2); topk_add(big, 2); topk_add(big, 3);
	topk_add(big, 3); topk_add(big, 3); topk_add(big, 4);
	local small = topk_init(2);
	topk_merge_prune(small, big);
	print topk_get_top(small, 5), topk_sum(small);

	local h1 = hll_cardinality_init(0.01, 0.95);
	print hll_cardinality_add(h1, 1.5), hll_cardinality_add(h1, 2.5);
	print hll_cardinality_add(h1, "text");
	local h2 = hll_cardinality_init(0.01, 0.95);
	hll_cardinality_add(h2, "other");
	print hll_cardinality_merge_into(h1, h2);
	local h3 = hll_cardinality_init(0.01, 0.95);
	print hll_cardinality_merge_into(h3, h1), hll_cardinality_add(h3, 7.0);
	print hll_cardinality_add(h3, 7);
	}
