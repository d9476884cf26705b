/* Multiboot v1 header and entry of UnikraftLab's test kernel: QEMU's -kernel loads a 32-bit ELF that carries this
 * header, enters in protected mode with EAX = magic and EBX = the multiboot info, and we hand both to C. */
	.set MB_MAGIC, 0x1BADB002
	.set MB_FLAGS, 0x00000003          /* page-align modules, give us a memory map */
	.section .multiboot, "a"
	.align 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.section .bss
	.align 16
stack_bottom:
	.skip 8192
stack_top:

	.section .text
	.global _start
_start:
	cli
	mov $stack_top, %esp
	push %ebx                          /* multiboot info */
	push %eax                          /* loader magic */
	call kmain
halt:
	hlt
	jmp halt

	.section .note.GNU-stack, "", @progbits
