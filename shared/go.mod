module github.com/1sales/app/shared

go 1.26
