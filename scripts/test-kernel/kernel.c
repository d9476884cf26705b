/* UnikraftLab's test kernel: prints a banner and the command line it was given to COM1, then halts.
 * It exists so the live scripts can boot something real through libvirt in CI, where no Unikraft kernel is built. */

#define COM1 0x3f8
#define MULTIBOOT_LOADER_MAGIC 0x2BADB002u
#define MULTIBOOT_INFO_CMDLINE (1u << 2)

struct multiboot_info {
	unsigned int flags;
	unsigned int mem_lower, mem_upper;
	unsigned int boot_device;
	unsigned int cmdline;
};

static inline void outb(unsigned short port, unsigned char v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline unsigned char inb(unsigned short port)
{
	unsigned char v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void serial_init(void)
{
	outb(COM1 + 1, 0x00); /* no interrupts: we poll */
	outb(COM1 + 3, 0x80); /* DLAB on to set the divisor */
	outb(COM1 + 0, 0x01); /* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03); /* 8N1, DLAB off */
	outb(COM1 + 2, 0xC7); /* FIFO on, cleared */
}

static void putc(char c)
{
	if (c == '\n')
		putc('\r');
	while (!(inb(COM1 + 5) & 0x20))
		; /* wait for an empty transmit register */
	outb(COM1, (unsigned char)c);
}

static void puts(const char *s)
{
	while (*s)
		putc(*s++);
}

static int contains(const char *s, const char *word)
{
	for (; *s; s++) {
		const char *a = s, *b = word;

		while (*b && *a == *b)
			a++, b++;
		if (!*b)
			return 1;
	}
	return 0;
}

/* Loads an empty IDT and traps: the CPU cannot deliver the exception and triple-faults, which resets the machine.
 * The live tests use it (`uklab.crash` on the command line) to check that a guest that dies is detected and cleaned up.
 */
static void triple_fault(void)
{
	static const struct {
		unsigned short limit;
		unsigned int base;
	} __attribute__((packed)) empty_idt = { 0, 0 };

	__asm__ volatile("lidt %0; int3" : : "m"(empty_idt));
}

void kmain(unsigned int magic, const struct multiboot_info *mbi)
{
	serial_init();
	puts("UnikraftLab test kernel: hello from the serial port\n");
	if (magic != MULTIBOOT_LOADER_MAGIC) {
		puts("test kernel: not started by a multiboot loader\n");
		return;
	}
	puts("cmdline: ");
	if ((mbi->flags & MULTIBOOT_INFO_CMDLINE) && mbi->cmdline)
		puts((const char *)mbi->cmdline);
	puts("\n");
	if ((mbi->flags & MULTIBOOT_INFO_CMDLINE) && mbi->cmdline && contains((const char *)mbi->cmdline, "uklab.crash")) {
		puts("test kernel: crashing on purpose\n");
		triple_fault();
	}
	puts("test kernel: halting\n");
}
