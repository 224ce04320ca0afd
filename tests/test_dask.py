"""quoteattr on a local Dask cluster of two worker processes, models loaded once per worker."""

from __future__ import annotations

import pytest


def test_local_cluster_two_workers(bundled):
    """A bag of texts comes back in order with ids, each worker built one Attributor."""
    db = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("dask.distributed")
    from quoteattr.dask import attribute_bag, worker_attributor

    texts = [(f"doc{i}", f"“We are ready for round {i},” the minister said.") for i in range(8)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        rows = attribute_bag(db.from_sequence(texts, npartitions=4)).compute()
        loads = client.run(lambda: worker_attributor.cache_info().misses)
    assert [r["id"] for r in rows] == [t[0] for t in texts]
    assert all(r["quotes"][0]["speaker"]["label"].lower() == "the minister" for r in rows)
    assert sorted(loads.values()) == [1, 1]
