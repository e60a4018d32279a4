import torch
import torch.nn as nn
import torch.nn.functional as F

from neucom.utils import *


class BaseController(nn.Module):
    def __init__(
        self,
        input_size=1,
        output_size=1,
        read_heads=1,
        nn_output_size=1,
        mem_size=1,
        batch_size=1,
        recurrent=True,
    ):
        super().__init__()
        self.input_size = input_size
        self.output_size = output_size
        self.read_heads = read_heads
        self.mem_size = mem_size
        self.nn_output_size = nn_output_size
        self.recurrent = recurrent
        self.nn_input_size = self.mem_size * self.read_heads + self.input_size
        self.interface_vector_size = (
            self.mem_size * self.read_heads + 3 * self.mem_size + 5 * self.read_heads + 3
        )
        initrange = 0.1
        self.interface_weights = nn.Parameter(
            torch.randn(self.nn_output_size, self.interface_vector_size).uniform_(
                -initrange, initrange
            )
        )
        self.nn_output_weights = nn.Parameter(
            torch.randn(self.nn_output_size, self.output_size).uniform_(-initrange, initrange)
        )
        self.mem_output_weights = nn.Parameter(
            torch.randn(self.mem_size * self.read_heads, self.output_size).uniform_(
                -initrange, initrange
            )
        )

    def parse_interface_vector(self, interface_vector):
        parsed = {}
        r_keys_end = self.mem_size * self.read_heads
        r_strengths_end = r_keys_end + self.read_heads
        w_key_end = r_strengths_end + self.mem_size
        erase_end = w_key_end + 1 + self.mem_size
        write_end = erase_end + self.mem_size
        free_end = write_end + self.read_heads

        iv = interface_vector.contiguous()
        parsed["read_keys"] = iv[:, 0:r_keys_end].contiguous().view(-1, self.mem_size, self.read_heads)
        parsed["read_strengths"] = iv[:, r_keys_end:r_strengths_end].contiguous().view(-1, self.read_heads)
        parsed["write_key"] = iv[:, r_strengths_end:w_key_end].contiguous().view(-1, self.mem_size, 1)
        parsed["write_strength"] = iv[:, w_key_end].contiguous().view(-1, 1)
        parsed["erase_vector"] = iv[:, w_key_end + 1 : erase_end].contiguous().view(-1, self.mem_size)
        parsed["write_vector"] = iv[:, erase_end:write_end].contiguous().view(-1, self.mem_size)
        parsed["free_gates"] = iv[:, write_end:free_end].contiguous().view(-1, self.read_heads)
        parsed["allocation_gate"] = expand_dims(iv[:, free_end].contiguous(), 1)
        parsed["write_gate"] = expand_dims(iv[:, free_end + 1].contiguous(), 1)
        parsed["read_modes"] = iv[:, free_end + 2 :].contiguous().view(-1, 3, self.read_heads)

        parsed["read_strengths"] = 1 + F.relu(parsed["read_strengths"])
        parsed["write_strength"] = 1 + F.relu(parsed["write_strength"])
        parsed["erase_vector"] = torch.sigmoid(parsed["erase_vector"])
        parsed["free_gates"] = torch.sigmoid(parsed["free_gates"])
        parsed["allocation_gate"] = torch.sigmoid(parsed["allocation_gate"])
        parsed["write_gate"] = torch.sigmoid(parsed["write_gate"])
        parsed["read_modes"] = softmax(parsed["read_modes"], 1)
        return parsed

    def process_input(self, X, last_read_vectors, state=None):
        flat_read_vectors = last_read_vectors.view(-1, self.mem_size * self.read_heads)
        complete_input = torch.cat((X, flat_read_vectors), 1)
        nn_output, nn_state = None, None
        if self.recurrent:
            nn_output, nn_state = self.network_op(complete_input, state)
        else:
            nn_output = self.network_op(complete_input)
        pre_output = torch.mm(nn_output, self.nn_output_weights)
        interface = torch.mm(nn_output, self.interface_weights)
        parsed_interface = self.parse_interface_vector(interface)
        if self.recurrent:
            return pre_output, parsed_interface, nn_state
        return pre_output, parsed_interface

    def final_output(self, pre_output, new_read_vectors):
        flat_read_vectors = new_read_vectors.view(-1, self.mem_size * self.read_heads)
        return pre_output + torch.mm(flat_read_vectors, self.mem_output_weights)
