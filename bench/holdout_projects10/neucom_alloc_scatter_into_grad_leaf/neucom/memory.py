from collections import namedtuple

import numpy as np
import torch
import torch.nn as nn
from torch.autograd import Variable

from neucom.utils import *


class Memory(nn.Module):
    def __init__(self, mem_slot=256, mem_size=64, read_heads=4, batch_size=1, use_cuda=True):
        super().__init__()
        self.mem_slot = mem_slot
        self.mem_size = mem_size
        self.read_heads = read_heads
        self.batch_size = batch_size
        self.use_cuda = use_cuda
        self.I = Variable(expand_dims(torch.eye(mem_slot), 0))  # 1, n, n
        if self.use_cuda:
            self.I = self.I.cuda()
        self.memory_tuple = namedtuple(
            "mem_tuple",
            "mem_mat, mem_usage, pre_vec, link_mat, write_weight, read_weight, read_vec",
        )

    def init_memory(self, batch_size):
        mem_list = [
            Variable(torch.zeros(batch_size, self.mem_slot, self.mem_size).fill_(1e-6), requires_grad=True),
            Variable(torch.zeros(batch_size, self.mem_slot), requires_grad=True),
            Variable(torch.zeros(batch_size, self.mem_slot), requires_grad=True),
            Variable(torch.zeros(batch_size, self.mem_slot, self.mem_slot), requires_grad=True),
            Variable(torch.zeros(batch_size, self.mem_slot).fill_(1e-6), requires_grad=True),
            Variable(torch.zeros(batch_size, self.mem_slot, self.read_heads).fill_(1e-6), requires_grad=True),
            Variable(torch.zeros(batch_size, self.mem_size, self.read_heads).fill_(1e-6), requires_grad=True),
        ]
        if self.use_cuda:
            for ind in range(len(mem_list)):
                mem_list[ind] = mem_list[ind].cuda()
        return self.memory_tuple._make(mem_list)

    def get_content_address(self, memory_matrix, query_keys, strengths):
        cos_dist = cosine_distance(memory_matrix, query_keys)
        strengths = expand_dims(strengths, 1).expand_as(cos_dist)
        return softmax(cos_dist * strengths, 1)

    def update_usage_vector(self, usage_vector, read_weights, write_weight, free_gates):
        free_gates = expand_dims(free_gates, 1).expand_as(read_weights)
        retention_vector = torch.prod(1 - read_weights * free_gates, 2)
        return (usage_vector + write_weight - usage_vector * write_weight) * retention_vector

    def get_allocation_weight(self, sorted_usage, free_list):
        batch_size = free_list.size()[0]
        shifted_cumprod = cumprod(sorted_usage, dim=1, exclusive=True)
        unordered_allocation_weight = (1 - sorted_usage) * shifted_cumprod

        index_mapper = Variable(
            torch.from_numpy(np.cumsum([0] + [self.mem_slot] * (batch_size - 1))[:, np.newaxis]),
            requires_grad=False,
        ).expand(batch_size, self.mem_slot)
        index_mapper = to_device(index_mapper, free_list)
        mapped_free_list = free_list + index_mapper
        flat_unordered_allocation_weight = unordered_allocation_weight.view(-1)
        flat_mapped_free_list = mapped_free_list.view(-1)
        flat_container = Variable(
            sorted_usage.data.new(self.batch_size * self.mem_slot).fill_(0), requires_grad=True
        ).cpu()

        flat_ordered_weights = flat_container.scatter_(  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation
            0, flat_mapped_free_list.cpu(), flat_unordered_allocation_weight.cpu()
        )
        flat_ordered_weights = to_device(flat_ordered_weights, free_list)
        return flat_ordered_weights.view(self.batch_size, self.mem_slot)

    def update_write_weight(self, lookup_weight, allocation_weight, write_gate, allocation_gate):
        lookup_weight = lookup_weight.view(*lookup_weight.size()[0:2])
        alloc_wshape = allocation_weight.size()
        expand_ag = allocation_gate.expand(*alloc_wshape)
        return write_gate.expand(*alloc_wshape) * (
            expand_ag * allocation_weight + (1 - expand_ag) * lookup_weight
        )

    def update_memory(self, memory_matrix, write_weight, write_vector, erase_vector):
        write_weight = expand_dims(write_weight, 2)
        write_vector = expand_dims(write_vector, 1)
        erase_vector = expand_dims(erase_vector, 1)
        erasing = memory_matrix * (1 - torch.bmm(write_weight, erase_vector))
        writing = torch.bmm(write_weight, write_vector)
        return erasing + writing

    def update_precedence_vector(self, precedence_vector, write_weight):
        reset_factor = 1 - reduce_sum(write_weight, 1, keep_dim=True)
        return reset_factor.expand_as(precedence_vector) * precedence_vector + write_weight

    def update_link_matrix(self, precedence_vector, link_matrix, write_weight):
        precedence_vector = expand_dims(precedence_vector, 1)
        reset_factor = 1 - pairwise_add(write_weight, is_batch=True)
        write_weight = expand_dims(write_weight, -1)
        updated_link_matrix = reset_factor * link_matrix + torch.bmm(write_weight, precedence_vector)
        # eliminate self-links
        return (1 - self.I).expand_as(updated_link_matrix) * updated_link_matrix

    def get_directional_weights(self, read_weights, link_matrix):
        forward_weight = torch.bmm(link_matrix, read_weights)
        backward_weight = torch.bmm(link_matrix.transpose(1, 2), read_weights)
        return forward_weight, backward_weight

    def update_read_weights(self, lookup_weights, forward_weight, backward_weight, read_mode):
        backward_mode = expand_dims(read_mode[:, 0, :].contiguous(), 1).expand_as(backward_weight) * backward_weight
        lookup_mode = expand_dims(read_mode[:, 1, :].contiguous(), 1).expand_as(lookup_weights) * lookup_weights
        forward_mode = expand_dims(read_mode[:, 2, :].contiguous(), 1).expand_as(forward_weight) * forward_weight
        return backward_mode + lookup_mode + forward_mode

    def update_read_vectors(self, memory_matrix, read_weights):
        return torch.bmm(memory_matrix.transpose(1, 2), read_weights)

    def write(
        self,
        memory_matrix,
        usage_vector,
        read_weights,
        write_weight,
        precedence_vector,
        link_matrix,
        key,
        strength,
        free_gates,
        allocation_gate,
        write_gate,
        write_vector,
        erase_vector,
    ):
        lookup_weight = self.get_content_address(memory_matrix, key, strength)
        new_usage_vector = self.update_usage_vector(usage_vector, read_weights, write_weight, free_gates)
        # sort the usage vector (numpy); gathering by the order stays differentiable
        np_new_usage_vec = new_usage_vector.cpu().data.numpy()
        sort_list = np.argsort(np_new_usage_vec, axis=-1)
        free_list = Variable(torch.from_numpy(sort_list)).long()
        free_list = to_device(free_list, new_usage_vector)
        sorted_usage = torch.gather(new_usage_vector, 1, free_list)
        allocation_weight = self.get_allocation_weight(sorted_usage, free_list)
        new_write_weight = self.update_write_weight(lookup_weight, allocation_weight, write_gate, allocation_gate)
        new_memory_matrix = self.update_memory(memory_matrix, new_write_weight, write_vector, erase_vector)
        new_link_matrix = self.update_link_matrix(precedence_vector, link_matrix, new_write_weight)
        new_precedence_vector = self.update_precedence_vector(precedence_vector, new_write_weight)
        return new_usage_vector, new_write_weight, new_memory_matrix, new_link_matrix, new_precedence_vector

    def read(self, memory_matrix, read_weights, keys, strengths, link_matrix, read_modes):
        lookup_weight = self.get_content_address(memory_matrix, keys, strengths)
        forward_weight, backward_weight = self.get_directional_weights(read_weights, link_matrix)
        new_read_weights = self.update_read_weights(lookup_weight, forward_weight, backward_weight, read_modes)
        new_read_vectors = self.update_read_vectors(memory_matrix, new_read_weights)
        return new_read_weights, new_read_vectors
