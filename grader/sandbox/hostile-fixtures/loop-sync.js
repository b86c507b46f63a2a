// Never yields.
for (;;);
