"""设岗定责 printouts on the shared engine: the candidate list and ballots, the posting of
post holders (GB/T 9704), and the post cards."""
