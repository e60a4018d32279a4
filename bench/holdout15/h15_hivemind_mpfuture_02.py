# case: fix from the pull request: hivemind-style expert server whose request handler submits tasks inside torch.inference_mode(), so the SharedBytes buffer behind every MPFuture state byte is an inference tensor; with the merged fix the _state setter performs its in-place write inside its own torch.inference_mode() block, so fulfilling the futures from the pool's output loop outside inference mode works
# source: https://github.com/learning-at-home/hivemind/pull/521
import concurrent.futures._base as base
import os
import threading
import uuid

import torch
import torch.nn as nn

torch.manual_seed(0)

ALL_STATES = base.PENDING, base.RUNNING, base.FINISHED, base.CANCELLED, base.CANCELLED_AND_NOTIFIED


class SharedBytes:
    """Allocates a chunk of (shared) memory and hands it out one byte at a time as scalar uint8 tensors."""

    _lock = threading.Lock()
    _pid = None
    _buffer = None
    _index = 0

    @classmethod
    def next(cls):
        with cls._lock:
            if cls._pid != os.getpid() or cls._buffer is None or cls._index >= len(cls._buffer):
                buffer_size = int(os.environ.get("HIVEMIND_SHM_BUFFER_SIZE", 16))
                cls._pid = os.getpid()
                cls._buffer = torch.empty([buffer_size], dtype=torch.uint8)  # .share_memory_() in the library
                cls._index = 0
            cls._index += 1
            return cls._buffer[cls._index - 1]


class MPFuture(base.Future):
    """Future whose state lives in a shared byte so that any process can read or update it."""

    def __init__(self):
        self._origin_pid, self._uid = os.getpid(), uuid.uuid4().int
        self._shared_state_code = SharedBytes.next()
        base.Future.__init__(self)  # sets self._state = PENDING through the property below
        self._result, self._exception = None, None

    @property
    def _state(self):
        return ALL_STATES[self._shared_state_code.item()]

    @_state.setter
    def _state(self, new_state):
        with torch.inference_mode():
            self._shared_state_code[...] = ALL_STATES.index(new_state)


class Task:
    def __init__(self, future, args):
        self.future, self.args = future, args


class TaskPool:
    def __init__(self, process_func, max_batch_size=8):
        self.process_func = process_func
        self.max_batch_size = max_batch_size
        self.tasks = []

    def submit_task(self, *args):
        task = Task(MPFuture(), args)
        self.tasks.append(task)
        return task.future

    def load_batch_to_runtime(self):
        batch_tasks, self.tasks = self.tasks[: self.max_batch_size], self.tasks[self.max_batch_size :]
        inputs = [torch.cat([t.args[i] for t in batch_tasks]) for i in range(len(batch_tasks[0].args))]
        return batch_tasks, inputs

    def send_outputs_from_runtime(self, batch_tasks, batch_outputs):
        """The pool's output loop: split the batch back into per-task outputs and fulfil each future."""
        offset = 0
        for task in batch_tasks:
            size = task.args[0].shape[0]
            task_outputs = [out[offset : offset + size] for out in batch_outputs]
            offset += size
            task.future.set_result(tuple(task_outputs))


class Runtime:
    def __init__(self, pools):
        self.pools = pools

    def run_once(self):
        for pool in self.pools:
            if not pool.tasks:
                continue
            batch_tasks, batch = pool.load_batch_to_runtime()
            with torch.inference_mode():
                outputs = pool.process_func(*batch)
            pool.send_outputs_from_runtime(batch_tasks, outputs)


class ExpertBackend:
    def __init__(self, name, expert):
        self.name, self.expert = name, expert
        self.forward_pool = TaskPool(self.forward)

    def forward(self, *inputs):
        return (self.expert(*inputs),)


class ConnectionHandler:
    """rpc_forward: deserialize, submit to the backend's pool, return the future to await."""

    def __init__(self, backends):
        self.backends = backends

    def rpc_forward(self, uid, serialized_inputs):
        with torch.inference_mode():
            inputs = [torch.as_tensor(x) for x in serialized_inputs]
            return self.backends[uid].forward_pool.submit_task(*inputs)


expert = nn.Sequential(nn.Linear(16, 32), nn.GELU(), nn.Linear(32, 16))
backends = {"expert.0": ExpertBackend("expert.0", expert)}
handler = ConnectionHandler(backends)
runtime = Runtime([b.forward_pool for b in backends.values()])

futures = [handler.rpc_forward("expert.0", [torch.randn(2, 16).numpy()]) for _ in range(3)]
runtime.run_once()
print([f.result()[0].shape for f in futures])
