def parallel_run(function, *args, nruns=1, njobs=1, gpus=0, **kwargs):
    """Run `function` `nruns` times and return the list of results (sequential: one CPU job)."""
    return [function(*args, idx=idx, **kwargs) for idx in range(nruns)]
