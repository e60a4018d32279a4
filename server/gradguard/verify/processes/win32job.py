"""The kernel32 calls behind `windows.JobApi`, through ctypes.

The structures are declared with fixed-width fields on every system (so their layout is tested
on Linux against the sizes Windows documents); the calls exist only on Windows.
"""

from __future__ import annotations

import ctypes
import sys

JOB_OBJECT_LIMIT_JOB_MEMORY = 0x00000200
JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x00002000
JOB_OBJECT_BASIC_PROCESS_ID_LIST = 3
JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9
PROCESS_SET_QUOTA = 0x0100
PROCESS_TERMINATE = 0x0001
MAX_LISTED = 1024

_DWORD = ctypes.c_uint32
_SIZE_T = ctypes.c_size_t  # also ULONG_PTR: pointer-sized on both 32- and 64-bit Windows


class BasicLimitInformation(ctypes.Structure):
    _fields_ = [
        ("PerProcessUserTimeLimit", ctypes.c_int64),
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", _DWORD),
        ("MinimumWorkingSetSize", _SIZE_T),
        ("MaximumWorkingSetSize", _SIZE_T),
        ("ActiveProcessLimit", _DWORD),
        ("Affinity", _SIZE_T),
        ("PriorityClass", _DWORD),
        ("SchedulingClass", _DWORD),
    ]


class IoCounters(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_uint64)
        for name in ("Read", "Write", "Other", "ReadTransfer", "WriteTransfer", "OtherTransfer")
    ]


class ExtendedLimitInformation(ctypes.Structure):
    _fields_ = [
        ("BasicLimitInformation", BasicLimitInformation),
        ("IoInfo", IoCounters),
        ("ProcessMemoryLimit", _SIZE_T),
        ("JobMemoryLimit", _SIZE_T),
        ("PeakProcessMemoryUsed", _SIZE_T),
        ("PeakJobMemoryUsed", _SIZE_T),
    ]


class ProcessIdList(ctypes.Structure):
    _fields_ = [
        ("NumberOfAssignedProcesses", _DWORD),
        ("NumberOfProcessIdsInList", _DWORD),
        ("ProcessIdList", _SIZE_T * MAX_LISTED),
    ]


def job_limits(memory_limit: int | None) -> ExtendedLimitInformation:
    """Kill-on-close, and the memory cap of the whole job when one is asked for."""
    info = ExtendedLimitInformation()
    flags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    if memory_limit:
        flags |= JOB_OBJECT_LIMIT_JOB_MEMORY
        info.JobMemoryLimit = memory_limit
    info.BasicLimitInformation.LimitFlags = flags
    return info


def listed_pids(listing: ProcessIdList) -> list[int]:
    count = min(int(listing.NumberOfProcessIdsInList), MAX_LISTED)
    return [int(listing.ProcessIdList[i]) for i in range(count)]


if sys.platform == "win32":
    import os
    import signal
    from ctypes import wintypes

    class Kernel32Jobs:
        """`windows.JobApi` on kernel32."""

        def __init__(self) -> None:
            k32 = ctypes.WinDLL("kernel32", use_last_error=True)
            k32.CreateJobObjectW.restype = wintypes.HANDLE
            k32.CreateJobObjectW.argtypes = (wintypes.LPVOID, wintypes.LPCWSTR)
            k32.SetInformationJobObject.argtypes = (
                wintypes.HANDLE,
                ctypes.c_int,
                wintypes.LPVOID,
                wintypes.DWORD,
            )
            k32.QueryInformationJobObject.argtypes = (
                wintypes.HANDLE,
                ctypes.c_int,
                wintypes.LPVOID,
                wintypes.DWORD,
                wintypes.LPVOID,
            )
            k32.OpenProcess.restype = wintypes.HANDLE
            k32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
            k32.AssignProcessToJobObject.argtypes = (wintypes.HANDLE, wintypes.HANDLE)
            k32.TerminateJobObject.argtypes = (wintypes.HANDLE, wintypes.UINT)
            k32.CloseHandle.argtypes = (wintypes.HANDLE,)
            self.k32 = k32

        def _check(self, ok: object) -> None:
            if not ok:
                raise ctypes.WinError(ctypes.get_last_error())

        def create(self, memory_limit: int | None) -> int:
            job = self.k32.CreateJobObjectW(None, None)
            self._check(job)
            info = job_limits(memory_limit)
            ok = self.k32.SetInformationJobObject(
                job, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION, ctypes.byref(info), ctypes.sizeof(info)
            )
            if not ok:
                error = ctypes.WinError(ctypes.get_last_error())
                self.k32.CloseHandle(job)
                raise error
            return int(job)

        def assign(self, job: int, pid: int) -> None:
            process = self.k32.OpenProcess(PROCESS_SET_QUOTA | PROCESS_TERMINATE, False, pid)
            self._check(process)
            try:
                self._check(self.k32.AssignProcessToJobObject(job, process))
            finally:
                self.k32.CloseHandle(process)

        def pids(self, job: int) -> list[int]:
            listing = ProcessIdList()
            self._check(
                self.k32.QueryInformationJobObject(
                    job,
                    JOB_OBJECT_BASIC_PROCESS_ID_LIST,
                    ctypes.byref(listing),
                    ctypes.sizeof(listing),
                    None,
                )
            )
            return listed_pids(listing)

        def terminate(self, job: int) -> None:
            self._check(self.k32.TerminateJobObject(job, 1))

        def close(self, job: int) -> None:
            self.k32.CloseHandle(job)

        def ctrl_break(self, pid: int) -> None:
            os.kill(pid, signal.CTRL_BREAK_EVENT)
